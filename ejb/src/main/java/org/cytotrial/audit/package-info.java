/** The audit trail: Envers revisions with user, UTC time, client address and reason for change. */
package org.cytotrial.audit;

/** Audit trail pages, export and REST endpoints. */
package org.cytotrial.web.audit;

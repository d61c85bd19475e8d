/**
 * Data locks: an administrator locks a study, one site's subjects in a study, or one subject at a
 * data cut-off; from then on every clinical write is refused (409) until an audited unlock.
 */
package org.cytotrial.lock;

/**
 * The investigator's review queue: assessments where the response computed from the
 * measurements differs from the investigator's, and the confirmation or correction of each,
 * with a reason, in the audit trail.
 */
package org.cytotrial.review;

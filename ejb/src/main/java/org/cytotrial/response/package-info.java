/**
 * Response vocabulary and the rules that derive a response from measurements.
 *
 * <p>The investigator's overall response is the record of truth; the evaluators here compute
 * what the measurements say (RECIST 1.1 for solid tumours, IMWG M-protein criteria for myeloma)
 * so that every disagreement can be shown to the investigator. Plain Java without container
 * dependencies, so that the rules are unit-tested in milliseconds.
 */
package org.cytotrial.response;

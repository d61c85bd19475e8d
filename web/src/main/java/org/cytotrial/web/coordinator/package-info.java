/**
 * The coordinator's screens (dashboard, subject list, enrolment, casebook with the visit entry
 * form, adverse events and disposition) and the REST API over the same services.
 */
package org.cytotrial.web.coordinator;

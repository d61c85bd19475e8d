/** Subjects: enrolment, demographics, arm assignment, first dose, disposition and death. */
package org.cytotrial.subject;

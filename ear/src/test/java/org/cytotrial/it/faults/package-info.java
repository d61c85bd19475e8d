/**
 * Fault tests on a server of their own (not Arquillian's): kill -9 in the middle of an import
 * and of a write, the database connection lost mid-request. Run by their own failsafe execution
 * after the other integration tests (see ear/pom.xml and docs/validation.md).
 */
package org.cytotrial.it.faults;

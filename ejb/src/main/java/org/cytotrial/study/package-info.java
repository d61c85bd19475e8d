/**
 * Studies and their set-up: arms, sites, the visit schedule and the trial summary parameters
 * (SDTM TS) that steer the response rules.
 */
package org.cytotrial.study;

/**
 * Electronic signatures (21 CFR Part 11 §11.50, §11.70, §11.200): an investigator signs a
 * subject's response assessments or whole casebook by re-entering the password. A signature
 * records signer, UTC time, meaning and a SHA-256 digest of the signed data; it is valid while
 * the data still hash to that digest, so any later change — through the application or not —
 * shows it as invalid until the data are signed again.
 */
package org.cytotrial.signature;

/** The marker catalogue (codes, units, plausible ranges) and lab/immune-marker results. */
package org.cytotrial.marker;

/**
 * Synthetic studies of any size, as SDTM zips the normal import accepts: for benchmarks, load
 * tests and fault tests. Plain Java; deterministic for a given seed.
 */
package org.cytotrial.exchange.synthetic;

/** Study analytics: best overall response, PFS, Kaplan-Meier, marker statistics. Plain Java. */
package org.cytotrial.analysis;

/** Safety: adverse events graded by CTCAE. */
package org.cytotrial.safety;

/** Electronic signature pages and REST endpoints. */
package org.cytotrial.web.signature;

/** Data lock pages and REST endpoints. */
package org.cytotrial.web.lock;

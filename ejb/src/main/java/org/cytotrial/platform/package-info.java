/** Cross-cutting infrastructure: schema migration, application info, demo data, common exceptions. */
package org.cytotrial.platform;

/** The reports page and the report and export downloads of the REST API. */
package org.cytotrial.web.report;

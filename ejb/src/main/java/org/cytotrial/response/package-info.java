/** Tumour lesions, measurements and the investigator's response assessments. */
package org.cytotrial.response;

/**
 * Tumour response: the response categories, the lesions, measurements and investigator
 * assessments that are recorded, and the rules that compute a response from measurements
 * (RECIST 1.1 with the study's minor-response band, IMWG from serum M-protein) so that every
 * disagreement with the investigator can be flagged. The rules are plain Java.
 */
package org.cytotrial.response;

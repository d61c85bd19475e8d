/**
 * CDISC ODM 1.3.2 export of a study's clinical data: the study's metadata (events, forms, item
 * groups, items, code lists, units) and its subjects' data, streamed subject by subject.
 */
package org.cytotrial.report.odm;

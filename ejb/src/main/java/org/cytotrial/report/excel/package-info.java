/**
 * The Excel report: one class per sheet, assembled by
 * {@link org.cytotrial.report.excel.StudyWorkbook}. Small sheets and charts are built with POI;
 * the sheets that grow with the study (Best response, Visits) are streamed.
 */
package org.cytotrial.report.excel;

/**
 * Writing large xlsx workbooks fast and in bounded memory.
 *
 * <p>Apache POI builds the workbook as usual (styles, charts, the small sheets, the header rows
 * of the big ones); {@link org.cytotrial.report.xlsx.StreamedWorkbook} then writes POI's package
 * to the output and streams the big sheets' rows straight into it with
 * {@link org.cytotrial.report.xlsx.SheetRows}, a writer that produces the sheet XML as bytes with
 * no object per cell and no temporary file. That is where POI's own SXSSF spends its time (see
 * docs/benchmarks.md).
 */
package org.cytotrial.report.xlsx;

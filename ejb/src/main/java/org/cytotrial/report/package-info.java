/**
 * The sponsor's reports and standard exports: the Excel report, CSV listings and CDISC ODM, for
 * one study filtered by arms, sites and a data cut-off date.
 *
 * <p>{@link org.cytotrial.report.ReportService} checks access and the filters and turns them into
 * a {@link org.cytotrial.report.ReportScope}; {@link org.cytotrial.report.ReportReader} reads the
 * study in one read-only snapshot with streaming queries and derives every number with the
 * analysis engine ({@code org.cytotrial.analysis}); the writers ({@code .excel}, {@code .odm},
 * {@link org.cytotrial.report.CsvListings}) turn that into files. Everything a report shows is
 * pseudonymised: subject codes, never names, initials, birth dates or verbatim free text.
 */
package org.cytotrial.report;

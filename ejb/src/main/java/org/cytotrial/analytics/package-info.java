/**
 * Study analytics as the trial team reads them: per-arm response and PFS summaries, marker
 * summaries, comparisons (Spearman, Mann-Whitney, log-rank), computed responses for review, and
 * the data behind the plots. Every number comes from the pure engine in
 * {@link org.cytotrial.analysis}, fed by SQL projections streamed from the database, never by
 * loading entity graphs; what a user may read is decided here, once, by {@link AnalyticsAccess}.
 */
package org.cytotrial.analytics;

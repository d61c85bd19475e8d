/**
 * Analytics for people and programs: the REST resources (summary, markers, analyses, plots,
 * review queue), the plot download servlet for pages, and the backing beans of the analytics
 * pages (study summary, plots, marker explorer, review queue). Numbers and plots come from
 * {@link org.cytotrial.analytics}; nothing is computed here.
 */
package org.cytotrial.web.analytics;

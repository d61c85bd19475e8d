package org.cytotrial.web.analytics;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/**
 * Adds the standard {@code Server-Timing} header (milliseconds spent computing the answer, from
 * the resource's start to its result) to analytics answers, so that clients, browsers' developer
 * tools and the benchmarks in docs/benchmarks.md read the server time without log access.
 */
@Provider
@ServerTimed
public class ServerTimingFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = ServerTimingFilter.class.getName() + ".started";

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        if (started instanceof Long start) {
            double millis = (System.nanoTime() - start) / 1e6;
            response.getHeaders().add("Server-Timing", String.format(Locale.ROOT, "app;dur=%.1f", millis));
        }
    }
}

package org.cytotrial.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import org.cytotrial.audit.AuditContext;

/**
 * Per request: records who acts and from where for the audit trail, and sets the security
 * headers every response carries (no framing, no content sniffing, a content security policy
 * that keeps scripts and styles to this origin, no browser features the application does not
 * use, and HSTS when served over HTTPS).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestContextFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        SecurityHeaders.apply(request, response);
        Principal principal = request.getUserPrincipal();
        AuditContext.begin(principal == null ? "anonymous" : principal.getName(), request.getRemoteAddr());
        try {
            chain.doFilter(request, response);
        } finally {
            AuditContext.end();
        }
    }
}

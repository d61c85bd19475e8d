package org.cytotrial.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API, under /cytotrial/api. Documented in docs/api.md. */
@ApplicationPath("api")
public class RestApplication extends Application {}

package org.cytotrial.web.platform;

import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;

/** Installs {@link ServiceExceptionHandler} (registered in faces-config.xml). */
public class ServiceExceptionHandlerFactory extends ExceptionHandlerFactory {

    public ServiceExceptionHandlerFactory(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new ServiceExceptionHandler(getWrapped().getExceptionHandler());
    }
}

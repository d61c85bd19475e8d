package org.cytotrial.it.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** The one deployment every integration test uses: the real EAR the build produced. */
public final class Deployments {

    private Deployments() {}

    public static EnterpriseArchive ear() {
        File ear = new File(System.getProperty("it.ear", "target/cytotrial.ear"));
        if (!ear.isFile()) {
            throw new IllegalStateException("Build the EAR first (mvn package): " + ear);
        }
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
    }
}

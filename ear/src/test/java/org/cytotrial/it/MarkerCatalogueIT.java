package org.cytotrial.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.cytotrial.it.support.Api;
import org.cytotrial.it.support.Deployments;
import org.cytotrial.it.support.It;
import org.cytotrial.it.support.StudyZips;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The catalogue is data: an administrator adds a marker, and studies using it import. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MarkerCatalogueIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void everyoneLoggedInReadsTheCatalogue() {
        JsonObject haemoglobin = Api.as("coordinator").get("/api/markers").jsonArray().stream()
                .map(v -> v.asJsonObject()).filter(m -> m.getString("code").equals("HGB")).findFirst().orElseThrow();
        assertEquals("g/L", haemoglobin.getString("standardUnit"));
        assertEquals(10.0, haemoglobin.getJsonObject("alternativeUnits").getJsonNumber("g/dL").doubleValue());
        assertEquals(401, Api.anonymous().get("/api/markers").status());
    }

    @Test
    void anAdministratorAddsAMarkerAndAStudyUsingItImports() {
        String code = "ALB" + Long.toString(System.nanoTime() % 10000);
        String definition = "{\"code\":\"" + code + "\",\"name\":\"Albumin\",\"category\":\"CHEMISTRY\",\"standardUnit\":\"g/L\","
                + "\"plausibleLow\":5,\"plausibleHigh\":80,\"alternativeUnits\":{\"g/dL\":10}}";
        assertEquals(403, Api.as("coordinator").postJson("/api/markers", definition).status());
        Api.Answer created = Api.as("admin").postJson("/api/markers", definition);
        assertEquals(201, created.status(), created.text());
        assertEquals(409, Api.as("admin").postJson("/api/markers", definition).status(), "a code is added once");

        byte[] zip = StudyZips.demoWith("IL2-MM", "LB.csv", t -> t.replaceFirst(
                "IL2-MM,LB,IL2-MM-001,1,EOS,Eosinophils,HEMATOLOGY,0.20,10\\^9/L",
                "IL2-MM,LB,IL2-MM-001,1," + code + ",Albumin,CHEMISTRY,3.4,g/dL"));
        Api.Answer imported = Api.as("admin").post("/api/studies?code=" + It.uniqueCode("ALB"), "application/zip", zip);
        assertEquals(201, imported.status(), imported.text());
    }

    @Test
    void anIncompleteDefinitionIsRefusedFieldByField() {
        Api.Answer refused = Api.as("admin").postJson("/api/markers",
                "{\"code\":\"bad code\",\"standardUnit\":\"g/L\",\"plausibleLow\":5,\"plausibleHigh\":1}");
        assertEquals(422, refused.status());
        var fields = refused.json().getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("field")).toList();
        assertTrue(fields.containsAll(java.util.List.of("code", "name", "category", "plausibleHigh")), fields.toString());
    }
}

package org.cytotrial.web.marker;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cytotrial.marker.MarkerDefinition;
import org.cytotrial.marker.MarkerService;
import org.cytotrial.marker.MarkerView;
import org.cytotrial.platform.ConflictException;
import org.cytotrial.platform.InvalidInputException;

/** The marker catalogue page (admin/markers.xhtml): list, and add a marker. */
@Named
@ViewScoped
public class MarkersBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient MarkerService markers;

    private List<MarkerView> catalogue;
    private String code;
    private String name;
    private String category;
    private String standardUnit;
    private Double plausibleLow;
    private Double plausibleHigh;
    private String alternativeUnit;
    private Double alternativeFactor;

    public List<MarkerView> getCatalogue() {
        if (catalogue == null) {
            catalogue = markers.list();
        }
        return catalogue;
    }

    public void add() {
        FacesContext faces = FacesContext.getCurrentInstance();
        Map<String, Double> units = new LinkedHashMap<>();
        if (alternativeUnit != null && !alternativeUnit.isBlank()) {
            units.put(alternativeUnit, alternativeFactor);
        }
        try {
            MarkerView added = markers.define(new MarkerDefinition(code, name, category, standardUnit, plausibleLow,
                    plausibleHigh, units), "Marker added to the catalogue");
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Marker " + added.code() + " added.", null));
            catalogue = null;
            code = name = category = standardUnit = alternativeUnit = null;
            plausibleLow = plausibleHigh = alternativeFactor = null;
        } catch (InvalidInputException e) {
            e.getErrors().forEach(error -> faces.addMessage("markerForm:" + error.field(),
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, error.message(), null)));
            faces.validationFailed();
        } catch (ConflictException e) {
            faces.addMessage("markerForm:code", new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
            faces.validationFailed();
        }
    }

    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getCategory() { return category; }
    public void setCategory(String category) { this.category = category; }
    public String getStandardUnit() { return standardUnit; }
    public void setStandardUnit(String standardUnit) { this.standardUnit = standardUnit; }
    public Double getPlausibleLow() { return plausibleLow; }
    public void setPlausibleLow(Double plausibleLow) { this.plausibleLow = plausibleLow; }
    public Double getPlausibleHigh() { return plausibleHigh; }
    public void setPlausibleHigh(Double plausibleHigh) { this.plausibleHigh = plausibleHigh; }
    public String getAlternativeUnit() { return alternativeUnit; }
    public void setAlternativeUnit(String alternativeUnit) { this.alternativeUnit = alternativeUnit; }
    public Double getAlternativeFactor() { return alternativeFactor; }
    public void setAlternativeFactor(Double alternativeFactor) { this.alternativeFactor = alternativeFactor; }
}

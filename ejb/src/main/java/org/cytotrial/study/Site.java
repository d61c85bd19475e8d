package org.cytotrial.study;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Objects;
import org.hibernate.envers.Audited;

/**
 * A clinical site (SDTM SITEID). Sites are shared across studies, so a coordinator tied to a site
 * sees that site's subjects in every study the site takes part in.
 */
@Entity
@Table(name = "site")
@Audited
public class Site {

    @Id
    @GeneratedValue(generator = "site_seq")
    @SequenceGenerator(name = "site_seq", sequenceName = "site_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 40)
    private String code;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(length = 3)
    private String country;

    @Version
    private long version;

    protected Site() {}

    public Site(String code, String name, String country) {
        this.code = Objects.requireNonNull(code);
        this.name = Objects.requireNonNull(name);
        this.country = country;
    }

    public Long getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public String getCountry() {
        return country;
    }

    public long getVersion() {
        return version;
    }

    public void rename(String newName) {
        this.name = Objects.requireNonNull(newName);
    }
}

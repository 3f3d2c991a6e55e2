package com.flashsale.infrastructure.security;

import com.flashsale.infrastructure.embedded.ServiceEndpoints;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The admin user and password, from {@code FLASHSALE_ADMIN_USER} / {@code FLASHSALE_ADMIN_PASSWORD}.
 * On the embedded development defaults an unset password is generated, logged once and written
 * to {@code <data dir>/admin-password}; elsewhere an unset password disables the admin surface.
 */
@ApplicationScoped
public class AdminCredentials {

    private static final Logger LOG = Logger.getLogger(AdminCredentials.class.getName());

    @Inject
    @ConfigProperty(name = "flashsale.admin.user")
    String user;

    @Inject
    @ConfigProperty(name = "flashsale.admin.password")
    Optional<String> configuredPassword;

    @Inject
    @ConfigProperty(name = "flashsale.data.dir")
    String dataDir;

    @Inject
    ServiceEndpoints endpoints;

    private byte[] password;

    @PostConstruct
    void init() {
        Optional<String> configured = configuredPassword.filter(p -> !p.isBlank());
        if (configured.isPresent()) {
            password = configured.get().getBytes(StandardCharsets.UTF_8);
        } else if (endpoints.embeddedDefaults()) {
            String generated = generate();
            password = generated.getBytes(StandardCharsets.UTF_8);
            writePasswordFile(generated);
            LOG.warning("No admin password set (FLASHSALE_ADMIN_PASSWORD). Generated for this run: user '" + user
                    + "', password '" + generated + "' (also in " + passwordFile() + ")");
        } else {
            LOG.severe("FLASHSALE_ADMIN_PASSWORD is not set: the admin API and console refuse every login.");
        }
    }

    /** Forces initialisation at startup so a generated password is announced once, early. */
    public void announce() {
        // the @PostConstruct above does the work
    }

    public boolean matches(String candidateUser, String candidatePassword) {
        if (password == null || candidateUser == null || candidatePassword == null) {
            return false;
        }
        boolean userOk = MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8),
                candidateUser.getBytes(StandardCharsets.UTF_8));
        boolean passwordOk = MessageDigest.isEqual(password, candidatePassword.getBytes(StandardCharsets.UTF_8));
        return userOk & passwordOk;
    }

    public String user() {
        return user;
    }

    private Path passwordFile() {
        return Path.of(dataDir, "admin-password").toAbsolutePath();
    }

    private void writePasswordFile(String generated) {
        try {
            Files.createDirectories(passwordFile().getParent());
            Files.deleteIfExists(passwordFile());
            Files.createFile(passwordFile(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(passwordFile(), generated);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warning(() -> "Could not write " + passwordFile() + ": " + e);
        }
    }

    private static String generate() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

package com.flashsale.infrastructure.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.infrastructure.embedded.ServiceEndpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the admin password comes from: the environment, or generated only on embedded defaults. */
class AdminCredentialsTest {

    @TempDir
    Path dataDir;

    private AdminCredentials credentials(Optional<String> configured, boolean embeddedDefaults) {
        AdminCredentials credentials = new AdminCredentials();
        credentials.user = "admin";
        credentials.configuredPassword = configured;
        credentials.dataDir = dataDir.toString();
        credentials.endpoints = new ServiceEndpoints() {
            @Override
            public boolean embeddedDefaults() {
                return embeddedDefaults;
            }
        };
        credentials.init();
        return credentials;
    }

    @Test
    void aConfiguredPasswordIsUsedAndNothingIsWritten() {
        AdminCredentials credentials = credentials(Optional.of("from-the-environment"), true);
        assertTrue(credentials.matches("admin", "from-the-environment"));
        assertFalse(credentials.matches("admin", "something-else"));
        assertFalse(Files.exists(dataDir.resolve("admin-password")));
    }

    @Test
    void onEmbeddedDefaultsAnUnsetPasswordIsGeneratedIntoAnOwnerOnlyFile() throws IOException {
        AdminCredentials credentials = credentials(Optional.empty(), true);
        Path file = dataDir.resolve("admin-password");
        String generated = Files.readString(file);
        assertTrue(generated.length() >= 20, generated);
        assertTrue(credentials.matches("admin", generated));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void elsewhereAnUnsetPasswordRefusesEveryLoginAndNothingIsGenerated() {
        AdminCredentials credentials = credentials(Optional.of("  "), false);
        assertFalse(credentials.matches("admin", ""));
        assertFalse(credentials.matches("admin", "  "));
        assertFalse(credentials.matches("admin", null));
        assertFalse(Files.exists(dataDir.resolve("admin-password")));
    }
}

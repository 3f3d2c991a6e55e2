package com.flashsale.infrastructure.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/** Validates the admin user's credentials; a valid login is in the group (and role) {@code admin}. */
@ApplicationScoped
public class AdminIdentityStore implements IdentityStore {

    public static final String ADMIN_ROLE = "admin";

    @Inject
    AdminCredentials credentials;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        if (credentials.matches(credential.getCaller(), credential.getPasswordAsString())) {
            return new CredentialValidationResult(credential.getCaller(), Set.of(ADMIN_ROLE));
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}

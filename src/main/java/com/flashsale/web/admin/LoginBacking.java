package com.flashsale.web.admin;

import com.flashsale.infrastructure.security.AdminAuthenticationMechanism;
import com.flashsale.web.Feedback;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The admin login form ({@code admin/login.xhtml}): hands the credentials to the application's
 * authentication mechanism, which keeps the login in the HTTP session, then returns to the
 * console page that asked for it.
 */
@Named
@RequestScoped
public class LoginBacking {

    static final String HOME = "/admin/";

    @Inject
    SecurityContext security;

    private String username;
    private String password;
    private String next;
    private boolean signedOut;

    public String login() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        AuthenticationStatus status = security.authenticate((HttpServletRequest) external.getRequest(),
                (HttpServletResponse) external.getResponse(), AuthenticationParameters.withParams()
                        .credential(new UsernamePasswordCredential(username == null ? "" : username,
                                password == null ? "" : password))
                        .newAuthentication(true));
        password = null;
        if (status == AuthenticationStatus.SUCCESS) {
            Feedback.info("Signed in as " + username + ".");
            external.redirect(external.getRequestContextPath() + safeNext(next));
        } else if (status == AuthenticationStatus.SEND_CONTINUE) {
            faces.responseComplete();
        } else {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "Wrong user name or password.", null));
        }
        return null;
    }

    /** Only a console path may follow a login: never another site (no open redirect). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/admin/") || next.startsWith(AdminAuthenticationMechanism.LOGIN_PAGE)
                || next.contains("//") || next.contains("\\") || next.chars().anyMatch(c -> c < 0x20)) {
            return HOME;
        }
        return next;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }

    public boolean isSignedOut() {
        return signedOut;
    }

    public void setSignedOut(boolean signedOut) {
        this.signedOut = signedOut;
    }
}

package com.flashsale.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/**
 * Messages for the one global messages component of each layout. Messages added before a
 * redirect survive it in the flash (Post-Redirect-Get).
 */
public final class Feedback {

    private Feedback() {
    }

    public static void info(String summary) {
        add(null, FacesMessage.SEVERITY_INFO, summary);
    }

    public static void warn(String summary) {
        add(null, FacesMessage.SEVERITY_WARN, summary);
    }

    public static void error(String summary) {
        add(null, FacesMessage.SEVERITY_ERROR, summary);
    }

    /** A message next to one field, by its client id, for a page shown again without a redirect. */
    public static void field(String clientId, String summary) {
        FacesContext.getCurrentInstance().addMessage(clientId,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, summary, null));
    }

    /** A global message that survives the redirect that follows. */
    public static void add(String clientId, FacesMessage.Severity severity, String summary) {
        FacesContext context = FacesContext.getCurrentInstance();
        context.addMessage(clientId, new FacesMessage(severity, summary, null));
        context.getExternalContext().getFlash().setKeepMessages(true);
    }
}

package com.flashsale.admission;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs and checks the waiting room's two bearer strings with HMAC-SHA256 under a server-side
 * secret ({@code flashsale.queue.token-secret}, from the environment; every instance needs the same):
 * <ul>
 * <li>a <b>ticket</b>, naming a shopper's place in a sale's line: {@code <shopper>.<mac>};</li>
 * <li>an <b>admission token</b>, bound to one sale, one shopper and one admission:
 *     {@code <sale|shopper|number|expiresAtMs>.<mac>} (both parts base64url).</li>
 * </ul>
 * The check is a local computation (about a microsecond), so a forged token costs no store round
 * trip; whether the admission is still unspent and unexpired is decided in the purchase script.
 * Without a configured secret, the embedded defaults generate one per process; elsewhere the
 * waiting room is unavailable (a sale cannot be given one) rather than run on a guessable key.
 */
@ApplicationScoped
public class AdmissionTokens {

    private static final Logger LOG = Logger.getLogger(AdmissionTokens.class.getName());
    static final int MIN_SECRET_LENGTH = 32;
    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final Optional<String> configuredSecret;
    private final boolean embedded;
    private volatile byte[] key;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    @Inject
    public AdmissionTokens(@ConfigProperty(name = "flashsale.queue.token-secret") Optional<String> secret,
                           @ConfigProperty(name = "flashsale.embedded.enabled") boolean embedded) {
        this.configuredSecret = secret.filter(s -> !s.isBlank());
        this.embedded = embedded;
    }

    /** CDI needs a no-argument constructor to proxy the bean. */
    protected AdmissionTokens() {
        this(Optional.empty(), false);
    }

    @PostConstruct
    void init() {
        if (configuredSecret.isPresent()) {
            String secret = configuredSecret.get();
            if (secret.length() < MIN_SECRET_LENGTH) {
                LOG.severe("flashsale.queue.token-secret is shorter than " + MIN_SECRET_LENGTH
                        + " characters: the waiting room is unavailable until a longer one is set");
                return;
            }
            key = secret.getBytes(StandardCharsets.UTF_8);
        } else if (embedded) {
            byte[] generated = new byte[32];
            new SecureRandom().nextBytes(generated);
            key = generated;
            LOG.info("Waiting room: generated a token secret for the embedded defaults (tickets and admissions "
                    + "end with this process; set flashsale.queue.token-secret for more than one instance)");
        }
    }

    /** Whether tokens can be issued: a secret is configured, or generated on embedded defaults. */
    public boolean available() {
        return key != null;
    }

    /** The ticket naming a shopper's place in a sale's line; the same every time. */
    public String ticket(String saleId, String shopperId) {
        String shopper = B64.encodeToString(shopperId.getBytes(StandardCharsets.UTF_8));
        return shopper + '.' + B64.encodeToString(mac("ticket|" + saleId + '|' + shopperId));
    }

    /** The shopper a ticket of this sale names, if its signature holds. */
    public Optional<String> shopperOf(String saleId, String ticket) {
        String[] parts = split(ticket);
        if (parts == null) {
            return Optional.empty();
        }
        String shopperId = decode(parts[0]);
        if (shopperId == null || !matches(parts[1], "ticket|" + saleId + '|' + shopperId)) {
            return Optional.empty();
        }
        return Optional.of(shopperId);
    }

    /** The admission token for an admission the admitter stored as {@code grant}. */
    public String token(String saleId, String shopperId, String grant) {
        String payload = saleId + '|' + shopperId + '|' + grant.replace(':', '|');
        return B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + '.'
                + B64.encodeToString(mac("admit|" + payload));
    }

    /**
     * What a token presented with a purchase grants: {@link Admission#NONE} without one,
     * {@link Admission#INVALID} if its signature fails or it names another sale or shopper.
     */
    public Admission verify(String token, String saleId, String shopperId) {
        if (token == null || token.isEmpty()) {
            return Admission.NONE;
        }
        String[] parts = split(token);
        String payload = parts == null ? null : decode(parts[0]);
        if (payload == null || !matches(parts[1], "admit|" + payload)) {
            return Admission.INVALID;
        }
        String[] fields = payload.split("\\|", -1);
        if (fields.length != 4 || !fields[0].equals(saleId) || !fields[1].equals(shopperId)) {
            return Admission.INVALID;
        }
        try {
            return new Admission(fields[2] + ':' + fields[3], Long.parseLong(fields[3]));
        } catch (NumberFormatException e) {
            return Admission.INVALID;
        }
    }

    /**
     * Compares the presented mac with the canonical encoding of the right one, so a token has one
     * spelling (base64's unused low bits of the last character would otherwise let several strings
     * decode to the same mac).
     */
    private boolean matches(String presentedMac, String message) {
        return key != null && MessageDigest.isEqual(presentedMac.getBytes(StandardCharsets.UTF_8),
                B64.encode(mac(message)));
    }

    private byte[] mac(String message) {
        if (key == null) {
            throw new WaitingRoomUnavailableException();
        }
        return Arrays.copyOf(macs.get().doFinal(message.getBytes(StandardCharsets.UTF_8)), MAC_BYTES);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] split(String value) {
        if (value == null || value.length() > 1024) {
            return null;
        }
        int dot = value.lastIndexOf('.');
        return dot <= 0 || dot == value.length() - 1 ? null
                : new String[] {value.substring(0, dot), value.substring(dot + 1)};
    }

    private static String decode(String part) {
        try {
            return new String(B64D.decode(part), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

package io.github.mssqlk8s.resources;

import java.util.regex.Pattern;

/**
 * The API server's rules for names, label keys and values, port names and environment variable names, written
 * in Java from their description in Kubernetes' validation package. The operator judges user input with them
 * before it reaches a pod template, which the server does not fully validate (a StatefulSet's template is
 * checked only when the pod is created), and the tests apply them to every object the builders make.
 */
public final class ApiValidation {

    public static final int DNS_LABEL_MAX = 63;
    public static final int DNS_SUBDOMAIN_MAX = 253;
    public static final int LABEL_VALUE_MAX = 63;
    public static final int PORT_NAME_MAX = 15;

    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1123_SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern QUALIFIED_NAME_PART = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern PORT_NAME_CHARACTERS = Pattern.compile("[-a-z0-9]+");
    private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*");
    /** The strict form every server of 1.29–1.34 accepts (later ones relax it). */
    private static final Pattern ENV_VAR_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

    private ApiValidation() {
    }

    /** Names of pods, containers, volumes, namespaces: lowercase alphanumerics and '-', at most 63. */
    public static boolean isDns1123Label(String value) {
        return value != null && value.length() <= DNS_LABEL_MAX && DNS_1123_LABEL.matcher(value).matches();
    }

    /** Names of most objects (Secrets, ConfigMaps, Roles, Leases): dot-separated DNS labels, at most 253. */
    public static boolean isDns1123Subdomain(String value) {
        return value != null && value.length() <= DNS_SUBDOMAIN_MAX && DNS_1123_SUBDOMAIN.matcher(value).matches();
    }

    /** Names of Services (and in practice of StatefulSets, whose pods' host names they become): starts with a letter. */
    public static boolean isDns1035Label(String value) {
        return value != null && value.length() <= DNS_LABEL_MAX && DNS_1035_LABEL.matcher(value).matches();
    }

    /** Label and annotation keys: an optional DNS subdomain prefix and '/', then a name of at most 63. */
    public static boolean isQualifiedName(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        String name = value;
        int slash = value.indexOf('/');
        if (slash >= 0) {
            String prefix = value.substring(0, slash);
            name = value.substring(slash + 1);
            if (prefix.isEmpty() || !isDns1123Subdomain(prefix)) {
                return false;
            }
        }
        return !name.isEmpty() && name.length() <= DNS_LABEL_MAX && QUALIFIED_NAME_PART.matcher(name).matches();
    }

    /** Label values: empty, or at most 63 characters starting and ending with an alphanumeric. */
    public static boolean isValidLabelValue(String value) {
        return value != null && (value.isEmpty()
                || value.length() <= LABEL_VALUE_MAX && QUALIFIED_NAME_PART.matcher(value).matches());
    }

    /** Named ports (IANA service names): at most 15, lowercase, with a letter, no leading, trailing or double '-'. */
    public static boolean isValidPortName(String value) {
        return value != null && !value.isEmpty() && value.length() <= PORT_NAME_MAX
                && PORT_NAME_CHARACTERS.matcher(value).matches() && HAS_LETTER.matcher(value).matches()
                && !value.contains("--") && !value.startsWith("-") && !value.endsWith("-");
    }

    /** Environment variable names. */
    public static boolean isEnvVarName(String value) {
        return value != null && ENV_VAR_NAME.matcher(value).matches() && !value.equals(".") && !value.equals("..")
                && !value.startsWith("..");
    }
}

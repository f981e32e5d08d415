package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimSqlException;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;

/** The database master key and certificates (the blobs are {@link CertificateBlobs}). */
final class CertificateStatements {

    private CertificateStatements() {
    }

    static Statement.Action parse(TokenCursor in) throws SimSqlException {
        String verb = in.next().text().toUpperCase(Locale.ROOT);
        String object = in.next().text().toUpperCase(Locale.ROOT);
        return switch (verb + " " + object) {
            case "CREATE MASTER" -> masterKey(in, false);
            case "ALTER MASTER" -> masterKey(in, true);
            case "CREATE CERTIFICATE" -> createCertificate(in);
            case "DROP CERTIFICATE" -> dropCertificate(in.identifier());
            default -> throw in.syntaxError();
        };
    }


    private static Statement.Action masterKey(TokenCursor in, boolean alter) throws SimSqlException {
        in.expectWords("KEY");
        if (alter) {
            in.acceptWord("FORCE");
            in.expectWords("REGENERATE", "WITH");
        }
        in.expectWords("ENCRYPTION", "BY");
        in.expectOption("PASSWORD");
        in.string();
        return ctx -> {
            ctx.requireSysadmin();
            SimulatedInstance instance = ctx.instance;
            if (!alter && instance.masterKey) {
                throw Errors.of(15578, 16, "There is already a master key in the database. Please drop it before"
                        + " performing this statement.");
            }
            if (alter && !instance.masterKey) {
                throw Errors.of(15151, 16, "Cannot alter the master key, because it does not exist or you do not have permission.");
            }
            instance.masterKey = true;
            instance.masterKeyModified = instance.now();
            ctx.done(0, false);
        };
    }


    private static Statement.Action createCertificate(TokenCursor in) throws SimSqlException {
        String name = in.identifier();
        if (in.acceptWord("AUTHORIZATION")) {
            in.identifier();
        }
        if (in.acceptWord("FROM")) {
            in.expectOption("BINARY");
            byte[] publicBlob = in.binary();
            byte[] keyBlob = null;
            String password = null;
            if (in.acceptWords("WITH", "PRIVATE", "KEY")) {
                in.expectSymbol("(");
                do {
                    if (in.acceptWord("BINARY")) {
                        in.expectSymbol("=");
                        keyBlob = in.binary();
                    } else {
                        in.expectWords("DECRYPTION", "BY");
                        in.expectOption("PASSWORD");
                        password = in.string();
                    }
                } while (in.acceptSymbol(","));
                in.expectSymbol(")");
            }
            byte[] key = keyBlob;
            String pwd = password;
            return ctx -> importCertificate(ctx, name, publicBlob, key, pwd);
        }
        in.expectWords("WITH");
        Map<String, Object> options = OptionList.parse(in);
        String subject = (String) options.get("SUBJECT");
        if (subject == null) {
            throw in.syntaxError();
        }
        Object expiry = options.get("EXPIRY_DATE");
        return ctx -> {
            LocalDateTime start = ctx.instance.now().withNano(0);
            LocalDateTime end = expiry == null ? start.plusYears(1)
                    : LocalDateTime.parse(expiry.toString().length() == 10 ? expiry + "T00:00:00" : expiry.toString().replace(' ', 'T'));
            add(ctx, new Certificate(name, 0, CertificateBlobs.random(16), subject, start, end, CertificateBlobs.random(32)));
        };
    }

    private static void importCertificate(ExecContext ctx, String name, byte[] publicBlob, byte[] keyBlob, String password)
            throws SimSqlException {
        CertificateBlobs.PublicPart pub = CertificateBlobs.decodePublic(publicBlob);
        byte[] key = keyBlob == null ? null : CertificateBlobs.decodePrivate(keyBlob, password, pub.identity());
        add(ctx, new Certificate(name, 0, pub.identity(), pub.subject(), pub.start(), pub.expiry(), key));
    }

    /** Stores a certificate; a private key is protected by the master key, which must exist. */
    private static void add(ExecContext ctx, Certificate template) throws SimSqlException {
        ctx.requireSysadmin();
        SimulatedInstance instance = ctx.instance;
        if (instance.certificates.containsKey(template.name)) {
            throw Errors.of(15232, 16, "A certificate with name '" + template.name + "' already exists or this"
                    + " certificate already has been added to the database.");
        }
        if (template.privateKey != null && !instance.masterKey) {
            throw Errors.of(15581, 16, "Please create a master key in the database or open the master key in the"
                    + " session before performing this operation.");
        }
        instance.certificates.put(template.name, new Certificate(template.name, instance.newCertificateId(),
                template.identity, template.subject, template.startDate, template.expiryDate, template.privateKey));
        ctx.done(0, false);
    }

    private static Statement.Action dropCertificate(String name) {
        return ctx -> {
            ctx.requireSysadmin();
            SimulatedInstance instance = ctx.instance;
            if (!instance.certificates.containsKey(name)) {
                throw Errors.cannot("drop", "certificate", name);
            }
            if (instance.endpoint != null && name.equalsIgnoreCase(instance.endpoint.certificateName)) {
                throw Errors.simulator("The certificate '" + name + "' cannot be dropped because the endpoint '"
                        + instance.endpoint.name + "' authenticates with it.");
            }
            instance.certificates.remove(name);
            ctx.done(0, false);
        };
    }
}

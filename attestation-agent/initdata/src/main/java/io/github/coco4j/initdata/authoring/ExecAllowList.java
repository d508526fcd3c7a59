package io.github.coco4j.initdata.authoring;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rewrites an agent policy so that {@code oc exec} runs exactly the listed commands: every
 * {@code ExecProcessRequest} statement is replaced by a default-deny rule plus one rule that allows
 * a request whose arguments, joined by single spaces, equal one of the commands. The rest of the
 * policy is kept byte for byte.
 */
public final class ExecAllowList {
    static final String RULE = "ExecProcessRequest";
    static final String COMMANDS = "allowed_exec_commands";
    /** The workshop's policies keep their exec allow-list in this object. */
    private static final String LEGACY_DATA = "policy_data";
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+\\S+.*\\n?");

    private ExecAllowList() {
    }

    public static String apply(String policy, List<String> commands) {
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("at least one command must be allowed");
        }
        List<RegoStatements.Piece> pieces = RegoStatements.split(policy);
        StringBuilder kept = new StringBuilder();
        for (RegoStatements.Piece piece : pieces) {
            if (!RULE.equals(piece.name()) && !COMMANDS.equals(piece.name())) {
                kept.append(piece.text());
            }
        }
        String rest = dropLegacyAllowList(kept.toString(), pieces);
        return withKeywordImports(trimTrailingBlankLines(rest)) + "\n" + section(commands);
    }

    /** The seed's {@code policy_data := {"allowed_commands": […]}} goes when nothing else uses it. */
    private static String dropLegacyAllowList(String policy, List<RegoStatements.Piece> pieces) {
        for (RegoStatements.Piece piece : pieces) {
            if (LEGACY_DATA.equals(piece.name()) && piece.text().contains("\"allowed_commands\"")) {
                String without = policy.replace(piece.text(), "");
                if (!without.contains(LEGACY_DATA)) {
                    return without;
                }
            }
        }
        return policy;
    }

    /** The new rules use {@code if} and {@code in}, which Rego v0 policies must import. */
    private static String withKeywordImports(String policy) {
        if (policy.contains("import rego.v1") || Pattern.compile("(?m)^\\s*import\\s+future\\.keywords\\s*$")
                .matcher(policy).find()) {
            return policy;
        }
        StringBuilder imports = new StringBuilder();
        for (String keyword : List.of("if", "in")) {
            if (!Pattern.compile("(?m)^\\s*import\\s+future\\.keywords\\." + keyword + "\\s*$").matcher(policy).find()) {
                imports.append("import future.keywords.").append(keyword).append('\n');
            }
        }
        if (imports.length() == 0) {
            return policy;
        }
        var m = PACKAGE.matcher(policy);
        if (!m.find()) {
            throw new IllegalArgumentException("the policy has no package declaration");
        }
        String packageLine = m.group().endsWith("\n") ? m.group() : m.group() + "\n";
        return policy.substring(0, m.start()) + packageLine + imports + policy.substring(m.end());
    }

    private static String trimTrailingBlankLines(String text) {
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "\n";
    }

    private static String section(List<String> commands) {
        StringBuilder out = new StringBuilder()
                .append("# Restrict exec to exactly these commands\n")
                .append("default ").append(RULE).append(" := false\n\n")
                .append(RULE).append(" if {\n")
                .append("\tinput_command := concat(\" \", input.process.Args)\n")
                .append("\tsome allowed_command in ").append(COMMANDS).append('\n')
                .append("\tinput_command == allowed_command\n")
                .append("}\n\n")
                .append(COMMANDS).append(" := [\n");
        for (String command : commands) {
            out.append('\t').append(quoted(command)).append(",\n");
        }
        return out.append("]\n").toString();
    }

    /** A string literal in JSON syntax, which Rego and TOML basic strings share. */
    static String quoted(String value) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + '"';
    }
}

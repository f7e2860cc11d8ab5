package dev.strata.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Mermaid {@code sequenceDiagram} under construction: participants, messages as arrows, and notes.
 *
 * <p>The text is a pure function of the calls made: participants are declared at the top in the order they first
 * appear, and statements keep their order. Labels are escaped with Mermaid's entity codes ({@code #59;} for
 * {@code ;}, {@code #35;} for {@code #}, ...), so arbitrary text cannot break the diagram; names that are not plain
 * identifiers (addresses, names with spaces, keywords such as {@code end}) get a generated id and an alias.
 *
 * <pre>{@code
 * SequenceDiagram d = new SequenceDiagram().autonumber();
 * d.message("Client", "Server", "SYN seq=8633");
 * d.noteOver("Client", "SYN-SENT");
 * Files.writeString(path, d.render());
 * }</pre>
 */
public final class SequenceDiagram {

    /** An arrow style of a message line. */
    public enum Arrow {
        /** Solid line with arrowhead: a message sent. */
        SOLID("->>"),
        /** Dotted line with arrowhead: a reply or a less important message. */
        DOTTED("-->>"),
        /** Solid line ending in a cross: a message lost on the way. */
        LOST("-x"),
        /** Dotted line ending in a cross. */
        DOTTED_LOST("--x"),
        /** Solid line with an open arrowhead: an asynchronous message. */
        ASYNC("-)");

        private final String syntax;

        Arrow(String syntax) {
            this.syntax = syntax;
        }

        /** The Mermaid token, e.g. {@code ->>}. */
        public String syntax() {
            return syntax;
        }
    }

    /** Words of the sequence-diagram grammar that cannot be used as participant ids. */
    private static final Set<String> KEYWORDS = Set.of(
            "participant",
            "actor",
            "as",
            "note",
            "over",
            "left",
            "right",
            "of",
            "loop",
            "alt",
            "else",
            "opt",
            "par",
            "and",
            "rect",
            "end",
            "critical",
            "break",
            "box",
            "create",
            "destroy",
            "activate",
            "deactivate",
            "autonumber",
            "title",
            "link",
            "links",
            "properties",
            "details",
            "sequencediagram");

    private record Participant(String id, String name, boolean actor) {}

    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private final List<String> statements = new ArrayList<>();
    private String title;
    private boolean autonumber;

    /** An empty diagram. */
    public SequenceDiagram() {}

    /** Numbers the messages in the rendering ({@code autonumber}). */
    public SequenceDiagram autonumber() {
        autonumber = true;
        return this;
    }

    /** Sets the diagram's title. */
    public SequenceDiagram title(String text) {
        title = Objects.requireNonNull(text, "text");
        return this;
    }

    /** Declares a participant drawn as a box, if not yet known; participants are drawn in declaration order. */
    public SequenceDiagram participant(String name) {
        declare(name, false);
        return this;
    }

    /** Declares a participant drawn as a person, if not yet known. */
    public SequenceDiagram actor(String name) {
        declare(name, true);
        return this;
    }

    /** Adds a solid arrow from {@code from} to {@code to}, e.g. {@code Client->>Server: SYN seq=8633}. */
    public SequenceDiagram message(String from, String to, String label) {
        return message(from, to, Arrow.SOLID, label);
    }

    /** Adds an arrow of the given style. */
    public SequenceDiagram message(String from, String to, Arrow arrow, String label) {
        Objects.requireNonNull(arrow, "arrow");
        String f = declare(from, false).id();
        String t = declare(to, false).id();
        statements.add(f + arrow.syntax() + t + ": " + escape(label));
        return this;
    }

    /** Adds {@code Note over X: text}. */
    public SequenceDiagram noteOver(String participant, String text) {
        statements.add("Note over " + declare(participant, false).id() + ": " + escape(text));
        return this;
    }

    /** Adds {@code Note over X,Y: text}, a note spanning two participants. */
    public SequenceDiagram noteOver(String first, String last, String text) {
        String a = declare(first, false).id();
        String b = declare(last, false).id();
        statements.add("Note over " + a + "," + b + ": " + escape(text));
        return this;
    }

    /** Adds {@code Note right of X: text}. */
    public SequenceDiagram noteRightOf(String participant, String text) {
        statements.add("Note right of " + declare(participant, false).id() + ": " + escape(text));
        return this;
    }

    /** Adds {@code Note left of X: text}. */
    public SequenceDiagram noteLeftOf(String participant, String text) {
        statements.add("Note left of " + declare(participant, false).id() + ": " + escape(text));
        return this;
    }

    /** Number of messages and notes added. */
    public int size() {
        return statements.size();
    }

    /** The Mermaid text, one statement per line, ending with a newline. */
    public String render() {
        StringBuilder sb = new StringBuilder(64 + 48 * statements.size());
        sb.append("sequenceDiagram\n");
        if (title != null) {
            sb.append("    title ").append(escape(title)).append('\n');
        }
        if (autonumber) {
            sb.append("    autonumber\n");
        }
        for (Participant p : participants.values()) {
            sb.append("    ").append(p.actor() ? "actor " : "participant ").append(p.id());
            if (!p.id().equals(p.name())) {
                sb.append(" as ").append(escape(p.name()));
            }
            sb.append('\n');
        }
        for (String s : statements) {
            sb.append("    ").append(s).append('\n');
        }
        return sb.toString();
    }

    /** Writes {@link #render()} to a file in UTF-8, replacing it. */
    public void writeTo(Path file) throws IOException {
        Files.writeString(file, render(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return render();
    }

    /**
     * Escapes text for a label, note or alias: characters the grammar or the HTML rendering would take as syntax
     * become Mermaid entity codes, line breaks become {@code <br/>}, other control characters spaces.
     */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case ';' -> sb.append("#59;");
                case '#' -> sb.append("#35;");
                case '<' -> sb.append("#lt;");
                case '>' -> sb.append("#gt;");
                case '&' -> sb.append("#amp;");
                case '"' -> sb.append("#quot;");
                case '\n' -> sb.append("<br/>");
                case '\r' -> {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        continue;
                    }
                    sb.append("<br/>");
                }
                default -> sb.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return sb.toString();
    }

    private Participant declare(String name, boolean actor) {
        Objects.requireNonNull(name, "participant name");
        Participant p = participants.get(name);
        if (p == null) {
            String id = isPlainId(name) ? name : "p" + (participants.size() + 1);
            while (isIdTaken(id)) {
                id = id + "_";
            }
            p = new Participant(id, name, actor);
            participants.put(name, p);
        }
        return p;
    }

    private boolean isIdTaken(String id) {
        for (Participant p : participants.values()) {
            if (p.id().equals(id)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPlainId(String name) {
        if (name.isEmpty() || KEYWORDS.contains(name.toLowerCase(Locale.ROOT)) || !Character.isLetter(name.charAt(0))) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_'))) {
                return false;
            }
        }
        return true;
    }
}

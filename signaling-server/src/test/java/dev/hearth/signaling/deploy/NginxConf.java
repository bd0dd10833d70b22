package dev.hearth.signaling.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * nginx.conf as a tree of directives: a name, its arguments (quotes removed) and, for a block, the directives
 * inside. Enough of nginx's grammar for our own file: comments, quotes, blocks; no includes.
 */
record NginxConf(String name, List<String> args, List<NginxConf> children) {

    static NginxConf parse(String text) {
        List<String> tokens = tokens(text);
        List<NginxConf> top = new ArrayList<>();
        int end = parseBlock(tokens, 0, top);
        if (end != tokens.size()) {
            throw new AssertionError("unbalanced '}' in nginx.conf");
        }
        return new NginxConf("main", List.of(), top);
    }

    private static int parseBlock(List<String> tokens, int at, List<NginxConf> into) {
        int i = at;
        while (i < tokens.size() && !tokens.get(i).equals("}")) {
            String name = tokens.get(i++);
            List<String> args = new ArrayList<>();
            while (i < tokens.size() && !tokens.get(i).equals(";") && !tokens.get(i).equals("{")) {
                args.add(tokens.get(i++));
            }
            if (i == tokens.size()) {
                throw new AssertionError("directive '" + name + "' is not ended by ';' or a block");
            }
            if (tokens.get(i).equals(";")) {
                into.add(new NginxConf(name, args, null));
                i++;
            } else {
                List<NginxConf> children = new ArrayList<>();
                i = parseBlock(tokens, i + 1, children);
                if (i == tokens.size()) {
                    throw new AssertionError("block '" + name + "' is not closed");
                }
                into.add(new NginxConf(name, args, children));
                i++;
            }
        }
        return i;
    }

    /** Words, quoted strings (as their content) and the punctuation ; { }. */
    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == ';' || c == '{' || c == '}') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '"' || c == '\'') {
                int close = text.indexOf(c, i + 1);
                if (close < 0) {
                    throw new AssertionError("unclosed quote in nginx.conf");
                }
                tokens.add(text.substring(i + 1, close));
                i = close + 1;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))
                        && ";{}".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(text.substring(start, i));
            }
        }
        return tokens;
    }

    boolean isBlock() {
        return children != null;
    }

    List<NginxConf> children(String childName) {
        return children == null ? List.of()
                : children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    NginxConf only(String childName) {
        List<NginxConf> found = children(childName);
        if (found.size() != 1) {
            throw new AssertionError("expected one '" + childName + "' in " + this.name + " " + args + ", found "
                    + found.size());
        }
        return found.get(0);
    }

    /** This directive and every one below it. */
    List<NginxConf> all() {
        List<NginxConf> out = new ArrayList<>();
        collect(out);
        return out;
    }

    private void collect(List<NginxConf> out) {
        out.add(this);
        if (children != null) {
            children.forEach(c -> c.collect(out));
        }
    }

    List<NginxConf> all(Predicate<NginxConf> which) {
        return all().stream().filter(which).toList();
    }

    List<NginxConf> all(String directive) {
        return all(d -> d.name.equals(directive));
    }

    /** The arguments of every {@code proxy_set_header} here, as "Header value". */
    List<String> proxyHeaders() {
        return children("proxy_set_header").stream().map(d -> String.join(" ", d.args)).toList();
    }

    String arg(int index) {
        return args.get(index);
    }

    @Override
    public String toString() {
        return name + " " + String.join(" ", args);
    }
}

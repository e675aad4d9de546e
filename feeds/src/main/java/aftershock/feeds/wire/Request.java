package aftershock.feeds.wire;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** A REST request as recorded beside its response: a path and an optional query ({@code /fapi/v1/depth?symbol=X}). */
public final class Request {
    private final String path;
    private final String query;

    private Request(String path, String query) {
        this.path = path;
        this.query = query;
    }

    /** Accepts a path with query, or a full URL (scheme and host are dropped). */
    public static Request of(String request) {
        String r = request;
        int scheme = r.indexOf("://");
        if (scheme >= 0) {
            int slash = r.indexOf('/', scheme + 3);
            r = slash < 0 ? "/" : r.substring(slash);
        }
        int q = r.indexOf('?');
        return q < 0 ? new Request(r, "") : new Request(r.substring(0, q), r.substring(q + 1));
    }

    public String path() {
        return path;
    }

    /** The first value of a query parameter, or null. */
    public String param(String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                try {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new Rejected("bad-request");
                }
            }
        }
        return null;
    }

    /** A required symbol parameter, checked like a symbol field. */
    public String symbolParam(String name) {
        String s = param(name);
        if (s == null || !Fields.isSymbol(s)) {
            throw new Rejected("bad-request");
        }
        return s;
    }
}

package io.github.mssqlk8s.testing.apiserver;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every request the API server refused with 403 to a client this interceptor is on, as "who: METHOD path". A
 * component that swallows a refusal (logs it, retries next tick) still shows here, so a test can fail on it.
 */
public final class ForbiddenRequests implements Interceptor {

    private final String who;
    private final List<String> sharedLog;

    private ForbiddenRequests(String who, List<String> shared) {
        this.who = who;
        this.sharedLog = shared;
    }

    public static ForbiddenRequests log() {
        return new ForbiddenRequests("", new CopyOnWriteArrayList<>());
    }

    /** An interceptor that records into this log under the name of one component. */
    public ForbiddenRequests as(String component) {
        return new ForbiddenRequests(component, sharedLog);
    }

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        if (response.code() == 403) {
            sharedLog.add(who + ": " + request.method() + " " + request.uri().getRawPath()
                    + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery()));
        }
    }

    /** What was refused so far, in order. */
    public List<String> refused() {
        return List.copyOf(sharedLog);
    }
}

package dmsrunbook.lake.testing;

import com.amazonaws.services.lambda.runtime.Context;
import java.lang.reflect.Proxy;
import java.util.UUID;

/** A Lambda {@link Context} for calling handlers in tests: a request id and a function name, nothing else. */
public final class TestLambdaContext {

    private TestLambdaContext() {
    }

    public static Context create() {
        return create(900_000);
    }

    /** A context saying {@code remainingMillis} are left before Lambda stops the function. */
    public static Context create(int remainingMillis) {
        String requestId = UUID.randomUUID().toString();
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "getAwsRequestId" -> requestId;
                    case "getFunctionName" -> "lake-test";
                    case "getFunctionVersion" -> "$LATEST";
                    case "getInvokedFunctionArn" -> "arn:aws:lambda:us-east-1:123456789012:function:lake-test";
                    case "getMemoryLimitInMB" -> 2048;
                    case "getRemainingTimeInMillis" -> remainingMillis;
                    case "toString" -> "TestLambdaContext " + requestId;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}

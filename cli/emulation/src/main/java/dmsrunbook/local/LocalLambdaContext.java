package dmsrunbook.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** The Lambda {@link Context} of an in-process invocation: names and ids as Lambda would give them. */
public final class LocalLambdaContext implements Context {

    private static final long TIMEOUT_MILLIS = 900_000;

    private final String functionName;
    private final String requestId;
    private final long deadline;

    public LocalLambdaContext(String functionName, String requestId) {
        this(functionName, requestId, java.time.Duration.ofMillis(TIMEOUT_MILLIS));
    }

    /** An invocation with {@code timeLeft} to run (tests of phases that work within their remaining time). */
    public LocalLambdaContext(String functionName, String requestId, java.time.Duration timeLeft) {
        this.functionName = functionName;
        this.requestId = requestId;
        this.deadline = System.currentTimeMillis() + timeLeft.toMillis();
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadline - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.print(message);
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}

package dmsrunbook.deploy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deploys template.yaml onto the local emulation the way CloudFormation would deploy it to AWS, for the resources
 * that matter to a rehearsal: SNS topics, SQS queues, S3 buckets, Glue databases, the functions (their real handler
 * classes, with the template's environment) and the state machines (the real ASL with its substitutions). IAM,
 * log groups, EventBridge rules and schedules are listed as not emulated.
 */
public final class LocalDeployment {

    private static final Pattern SUB = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final LocalAws aws;
    private final Path root;
    private final Map<String, Object> template;
    private final Map<String, String> parameters = new HashMap<>();
    private final Map<String, Boolean> conditions = new HashMap<>();
    private final Map<String, String> physicalIds = new LinkedHashMap<>();
    private final List<String> notEmulated = new ArrayList<>();
    private final List<ResourceDeployer> deployers;

    private LocalDeployment(LocalAws aws, Path template, Map<String, String> overrides) {
        this.aws = aws;
        this.root = template.toAbsolutePath().getParent();
        this.template = CfnYaml.read(template);
        map("Parameters").forEach((name, definition) -> {
            Object fallback = ((Map<?, ?>) definition).get("Default");
            parameters.put(name, overrides.getOrDefault(name, fallback == null ? "" : String.valueOf(fallback)));
        });
        this.deployers = List.of(new TopicDeployer(), new QueueDeployer(), new BucketDeployer(), new GlueDatabaseDeployer(),
                new FunctionDeployer(), new StateMachineDeployer());
    }

    /** Deploys {@code template} with its parameter defaults, overridden by {@code parameters}. */
    public static Deployment deploy(LocalAws aws, Path template, Map<String, String> parameters) {
        LocalDeployment deployment = new LocalDeployment(aws, template, parameters);
        deployment.run();
        return new Deployment(Map.copyOf(deployment.physicalIds), List.copyOf(deployment.notEmulated));
    }

    private void run() {
        map("Conditions").keySet().forEach(this::condition);
        Map<String, Object> resources = map("Resources");
        for (ResourceDeployer deployer : deployers) {
            List<String> pending = resources.entrySet().stream()
                    .filter(e -> deployer.type().equals(((Map<?, ?>) e.getValue()).get("Type")) && isCreated((Map<?, ?>) e.getValue()))
                    .map(Map.Entry::getKey).toList();
            // Resources of one type can refer to each other (a queue to its dead-letter queue): deploy in passes.
            while (!pending.isEmpty()) {
                List<String> deferred = new ArrayList<>();
                for (String logicalId : pending) {
                    try {
                        physicalIds.put(logicalId, deployer.deploy(logicalId, properties((Map<?, ?>) resources.get(logicalId))));
                    } catch (NotDeployedYet e) {
                        deferred.add(logicalId);
                    }
                }
                if (deferred.size() == pending.size()) {
                    throw new IllegalStateException("cannot deploy " + deferred + ": they refer to resources never deployed");
                }
                pending = deferred;
            }
        }
        resources.forEach((logicalId, definition) -> {
            Map<?, ?> resource = (Map<?, ?>) definition;
            if (!physicalIds.containsKey(logicalId) && isCreated(resource)) {
                notEmulated.add(logicalId + " (" + resource.get("Type") + ")");
                physicalIds.put(logicalId, logicalId);
            }
        });
    }

    // ------------------------------------------------------------------ resource types

    private interface ResourceDeployer {
        String type();

        String deploy(String logicalId, Map<String, Object> properties);
    }

    private final class TopicDeployer implements ResourceDeployer {
        public String type() {
            return "AWS::SNS::Topic";
        }

        public String deploy(String logicalId, Map<String, Object> properties) {
            String name = string(properties.getOrDefault("TopicName", logicalId));
            return aws.clients().sns().createTopic(b -> b.name(name)).topicArn();
        }
    }

    private final class QueueDeployer implements ResourceDeployer {
        public String type() {
            return "AWS::SQS::Queue";
        }

        public String deploy(String logicalId, Map<String, Object> properties) {
            String name = string(properties.getOrDefault("QueueName", logicalId));
            Map<String, String> attributes = new HashMap<>();
            for (String attribute : List.of("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds", "ReceiveMessageWaitTimeSeconds")) {
                if (properties.containsKey(attribute)) {
                    attributes.put(attribute, string(properties.get(attribute)));
                }
            }
            if (properties.get("RedrivePolicy") instanceof Map<?, ?> redrive) {
                attributes.put("RedrivePolicy", dmsrunbook.internal.Json.write(Map.of(
                        "deadLetterTargetArn", string(redrive.get("deadLetterTargetArn")), "maxReceiveCount", string(redrive.get("maxReceiveCount")))));
            }
            return aws.sqs().createQueue(b -> b.queueName(name).attributesWithStrings(attributes)).queueUrl();
        }
    }

    private final class BucketDeployer implements ResourceDeployer {
        public String type() {
            return "AWS::S3::Bucket";
        }

        @SuppressWarnings("unchecked")
        public String deploy(String logicalId, Map<String, Object> properties) {
            String name = string(properties.getOrDefault("BucketName", logicalId.toLowerCase()));
            aws.s3().createBucket(b -> b.bucket(name));
            // ObjectCreated notifications to SQS, as the template configures them (moto delivers them).
            Map<String, Object> notifications = (Map<String, Object>) properties.getOrDefault("NotificationConfiguration", Map.of());
            List<Map<String, Object>> queues = (List<Map<String, Object>>) notifications.getOrDefault("QueueConfigurations", List.of());
            if (!queues.isEmpty()) {
                List<software.amazon.awssdk.services.s3.model.QueueConfiguration> configurations = new ArrayList<>();
                for (Map<String, Object> queue : queues) {
                    var builder = software.amazon.awssdk.services.s3.model.QueueConfiguration.builder()
                            .queueArn(string(queue.get("Queue"))).eventsWithStrings(string(queue.get("Event")));
                    Object filter = queue.get("Filter");
                    if (filter instanceof Map<?, ?> f && f.get("S3Key") instanceof Map<?, ?> key && key.get("Rules") instanceof List<?> rules) {
                        builder.filter(nf -> nf.key(k -> k.filterRules(rules.stream().map(r -> (Map<?, ?>) r)
                                .map(r -> software.amazon.awssdk.services.s3.model.FilterRule.builder()
                                        .name(string(r.get("Name")).toLowerCase()).value(string(r.get("Value"))).build()).toList())));
                    }
                    configurations.add(builder.build());
                }
                aws.s3().putBucketNotificationConfiguration(b -> b.bucket(name).notificationConfiguration(n -> n.queueConfigurations(configurations)));
            }
            return name;
        }
    }

    private final class GlueDatabaseDeployer implements ResourceDeployer {
        public String type() {
            return "AWS::Glue::Database";
        }

        public String deploy(String logicalId, Map<String, Object> properties) {
            Map<?, ?> input = (Map<?, ?>) properties.get("DatabaseInput");
            String name = string(input.get("Name"));
            aws.glue().createDatabase(b -> b.databaseInput(d -> d.name(name)));
            return name;
        }
    }

    private final class FunctionDeployer implements ResourceDeployer {
        public String type() {
            return "AWS::Serverless::Function";
        }

        @SuppressWarnings("unchecked")
        public String deploy(String logicalId, Map<String, Object> properties) {
            Map<String, Object> merged = new LinkedHashMap<>(globals());
            merged.putAll(properties);
            String handler = string(merged.get("Handler"));
            Map<String, String> env = new HashMap<>();
            environmentOf(globals()).forEach(env::put);
            environmentOf(properties).forEach(env::put);
            env.putAll(aws.functionEnvironment());
            String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
            Supplier<Object> instance = instantiate(className, env);
            Map<String, Object> events = (Map<String, Object>) properties.getOrDefault("Events", Map.of());
            List<Map<String, Object>> sqsEvents = events.values().stream().map(e -> (Map<String, Object>) e)
                    .filter(e -> "SQS".equals(e.get("Type"))).toList();
            if (sqsEvents.isEmpty()) {
                aws.gateway().register(logicalId, () -> (RequestStreamHandler) instance.get());
            }
            for (Map<String, Object> event : sqsEvents) {
                Map<String, Object> source = (Map<String, Object>) event.get("Properties");
                String queueArn = string(source.get("Queue"));
                String queueUrl = aws.sqs().getQueueUrl(b -> b.queueName(queueArn.substring(queueArn.lastIndexOf(':') + 1))).queueUrl();
                int batchSize = Integer.parseInt(string(source.getOrDefault("BatchSize", "10")));
                aws.attach(new SqsEventSourceMapping(aws.sqs(), queueUrl, queueArn, logicalId,
                        (com.amazonaws.services.lambda.runtime.RequestHandler<com.amazonaws.services.lambda.runtime.events.SQSEvent,
                                com.amazonaws.services.lambda.runtime.events.SQSBatchResponse>) instance.get(), batchSize));
            }
            return "arn:aws:lambda:" + LocalAws.REGION + ":" + LocalAws.ACCOUNT + ":function:" + logicalId;
        }

        @SuppressWarnings("unchecked")
        private Map<String, String> environmentOf(Map<String, Object> properties) {
            Map<String, String> env = new HashMap<>();
            Object environment = properties.get("Environment");
            if (environment instanceof Map<?, ?> e && e.get("Variables") instanceof Map<?, ?> variables) {
                variables.forEach((k, v) -> env.put((String) k, string(v)));
            }
            return env;
        }

        private Supplier<Object> instantiate(String className, Map<String, String> env) {
            return () -> {
                try {
                    return Class.forName(className).getConstructor(Map.class).newInstance(env);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("handler " + className + " needs a public constructor taking the environment Map", e);
                }
            };
        }
    }

    private final class StateMachineDeployer implements ResourceDeployer {
        public String type() {
            return "AWS::Serverless::StateMachine";
        }

        public String deploy(String logicalId, Map<String, Object> properties) {
            String definition;
            try {
                definition = Files.readString(root.resolve(string(properties.get("DefinitionUri"))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<?, ?> substitutions = (Map<?, ?>) properties.getOrDefault("DefinitionSubstitutions", Map.of());
            Matcher matcher = SUB.matcher(definition);
            StringBuilder resolved = new StringBuilder();
            while (matcher.find()) {
                Object value = substitutions.get(matcher.group(1));
                if (value == null) {
                    throw new IllegalStateException(logicalId + ": ${" + matcher.group(1) + "} has no DefinitionSubstitution");
                }
                matcher.appendReplacement(resolved, Matcher.quoteReplacement(string(value)));
            }
            matcher.appendTail(resolved);
            String arn = aws.sfn().createStateMachine(b -> b.name(logicalId).definition(resolved.toString())
                    .roleArn("arn:aws:iam::" + LocalAws.ACCOUNT + ":role/" + logicalId)).stateMachineArn();
            return arn;
        }
    }

    // ------------------------------------------------------------------ intrinsic functions

    /** Resolves a template value with its intrinsic functions to a string, as CloudFormation would. */
    @SuppressWarnings("unchecked")
    String string(Object value) {
        Object resolved = resolve(value);
        if (resolved instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(resolved);
    }

    @SuppressWarnings("unchecked")
    private Object resolve(Object value) {
        if (!(value instanceof Map<?, ?> map) || map.size() != 1) {
            return value;
        }
        String function = (String) map.keySet().iterator().next();
        Object argument = map.values().iterator().next();
        return switch (function) {
            case "Ref" -> ref((String) argument);
            case "Fn::GetAtt" -> getAtt((List<Object>) argument);
            case "Fn::Sub" -> sub(argument);
            case "Fn::Join" -> {
                List<Object> args = (List<Object>) argument;
                Object items = resolve(args.get(1));
                yield String.join(string(args.get(0)), ((List<Object>) items).stream().map(this::string).toList());
            }
            case "Fn::If" -> {
                List<Object> args = (List<Object>) argument;
                yield resolve(condition((String) args.get(0)) ? args.get(1) : args.get(2));
            }
            case "Fn::Equals" -> {
                List<Object> args = (List<Object>) argument;
                yield string(args.get(0)).equals(string(args.get(1)));
            }
            case "Fn::Not" -> !(Boolean) resolve(((List<Object>) argument).get(0));
            case "Fn::Select" -> {
                List<Object> args = (List<Object>) argument;
                yield ((List<Object>) resolve(args.get(1))).get(Integer.parseInt(string(args.get(0))));
            }
            case "Fn::Split" -> {
                List<Object> args = (List<Object>) argument;
                yield List.of(string(args.get(1)).split(java.util.regex.Pattern.quote(string(args.get(0))), -1));
            }
            case "Condition" -> condition((String) argument);
            default -> value;
        };
    }

    private Object ref(String name) {
        if (name.endsWith(".Alias")) {
            // SAM's AutoPublishAlias: the alias ARN, function ARN + ":live".
            return ref(name.substring(0, name.length() - ".Alias".length())) + ":live";
        }
        return switch (name) {
            case "AWS::Region" -> LocalAws.REGION;
            case "AWS::AccountId" -> LocalAws.ACCOUNT;
            case "AWS::Partition" -> "aws";
            case "AWS::StackName" -> "dms-runbook-local";
            case "AWS::StackId" -> "arn:aws:cloudformation:" + LocalAws.REGION + ":" + LocalAws.ACCOUNT
                    + ":stack/dms-runbook-local/5e6f7a8b-0000-4000-8000-000000000000";
            case "AWS::NoValue" -> null;
            default -> {
                if (parameters.containsKey(name)) {
                    String type = String.valueOf(((Map<?, ?>) map("Parameters").get(name)).get("Type"));
                    String parameter = parameters.get(name);
                    yield type.startsWith("CommaDelimitedList") ? List.of(parameter.split(",", -1)) : parameter;
                }
                String physical = physicalIds.get(name);
                if (physical == null) {
                    throw new NotDeployedYet(name);
                }
                yield physical;
            }
        };
    }

    private Object getAtt(List<Object> args) {
        String logicalId = (String) args.get(0);
        String attribute = (String) args.get(1);
        if (!physicalIds.containsKey(logicalId) && deployers.stream().anyMatch(d -> d.type().equals(
                ((Map<?, ?>) map("Resources").getOrDefault(logicalId, Map.of())).get("Type")))) {
            throw new NotDeployedYet(logicalId);
        }
        String physical = physicalIds.getOrDefault(logicalId, logicalId);
        String type = String.valueOf(((Map<?, ?>) map("Resources").get(logicalId)).get("Type"));
        if (attribute.equals("Arn")) {
            return switch (type) {
                case "AWS::SQS::Queue" -> "arn:aws:sqs:" + LocalAws.REGION + ":" + LocalAws.ACCOUNT + ":" + physical.substring(physical.lastIndexOf('/') + 1);
                case "AWS::S3::Bucket" -> "arn:aws:s3:::" + physical;
                case "AWS::Logs::LogGroup" -> "arn:aws:logs:" + LocalAws.REGION + ":" + LocalAws.ACCOUNT + ":log-group:" + physical;
                default -> physical.startsWith("arn:") ? physical : "arn:aws:local:" + LocalAws.REGION + ":" + LocalAws.ACCOUNT + ":" + physical;
            };
        }
        if (attribute.equals("QueueName")) {
            return physical.substring(physical.lastIndexOf('/') + 1);
        }
        return physical;
    }

    private String sub(Object argument) {
        String text = argument instanceof List<?> list ? (String) list.get(0) : (String) argument;
        Map<?, ?> variables = argument instanceof List<?> list && list.size() > 1 ? (Map<?, ?>) list.get(1) : Map.of();
        Matcher matcher = SUB.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            Object value = variables.containsKey(name) ? resolve(variables.get(name))
                    : name.contains(".") && !name.startsWith("AWS::") ? getAtt(List.of(name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1)))
                    : ref(name);
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(String.valueOf(value)));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    /** A reference to a resource deployed later: deploy the referring one in a later pass. */
    private static final class NotDeployedYet extends RuntimeException {
        NotDeployedYet(String logicalId) {
            super(logicalId + " is not deployed yet", null, false, false);
        }
    }

    private boolean condition(String name) {
        return conditions.computeIfAbsent(name, n -> (Boolean) resolve(map("Conditions").get(n)));
    }

    private boolean isCreated(Map<?, ?> resource) {
        Object condition = resource.get("Condition");
        return condition == null || condition((String) condition);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> properties(Map<?, ?> resource) {
        Object properties = resource.get("Properties");
        return properties == null ? Map.of() : (Map<String, Object>) properties;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> globals() {
        Object globals = map("Globals").get("Function");
        return globals == null ? Map.of() : (Map<String, Object>) globals;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(String section) {
        Object value = template.get(section);
        return value == null ? new LinkedHashMap<>() : (Map<String, Object>) value;
    }
}

namespace SignalHarvester.Hosting.Publishing;

/// <summary><c>alertmanager.yml</c>: a default receiver (alerts visible in the UI) and a webhook receiver to fill in.</summary>
internal static class AlertmanagerConfigWriter
{
    public const string FileName = "alertmanager.yml";

    public static string Write() => """
        # Generated (--publisher staging); do not edit here: edit the copy you deploy.
        # Alertmanager does not expand environment variables, so the webhook URL is a placeholder:
        # set it and add a route (e.g. matchers: ['severity="critical"'], receiver: "webhook").
        route:
          receiver: "default"
          group_by: ["alertname"]
          group_wait: "30s"
          group_interval: "5m"
          repeat_interval: "4h"
        receivers:
          - name: "default"
          - name: "webhook"
            webhook_configs:
              - url: "http://alert-webhook.invalid/replace-me"
                send_resolved: true

        """;
}

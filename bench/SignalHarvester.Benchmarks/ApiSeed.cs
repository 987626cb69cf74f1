using System.Diagnostics;
using Npgsql;

namespace SignalHarvester.Benchmarks;

/// <summary>
/// Fills the database the API benchmark reads with generated data shaped like the pipelines' output:
/// signals with text, engagement, a raw X post (jsonb, ~1 KB), classification and salience (a third
/// unscored), spread over 30 days; artifacts from four sources with a classification, a score, one
/// or two topics and authors resolved to entities. Deterministic (seeded random) and additive: it
/// tops the tables up to the requested counts, so a run can measure at a small volume and then at
/// the full one.
/// </summary>
internal static class ApiSeed
{
    public static async Task<int> RunAsync(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__harvest")
            ?? throw new InvalidOperationException("Set ConnectionStrings__harvest to the database to seed.");
        var signals = args.Length > 0 ? int.Parse(args[0]) : 100_000;
        var artifacts = args.Length > 1 ? int.Parse(args[1]) : 20_000;
        var clock = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "select setseed(0.42)");
        await ExecuteAsync(connection, Words);
        await ExecuteAsync(connection, Signals, ("target", signals));
        await ExecuteAsync(connection, Topics);
        await ExecuteAsync(connection, Entities, ("target", Math.Max(50, artifacts * 2 / 5)));
        await ExecuteAsync(connection, Artifacts, ("target", artifacts));
        await ExecuteAsync(connection, TopicCounts);
        await ExecuteAsync(connection, "vacuum analyze"); // as autovacuum would have by now
        Console.WriteLine($"seeded {await CountAsync(connection, "tweets")} signals, {await CountAsync(connection, "artifacts")} artifacts, "
                          + $"{await CountAsync(connection, "entities")} entities, {await CountAsync(connection, "topics")} topics in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params (string Name, int Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand($"select count(*) from {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    // Vocabulary for generated text; a temporary table so every statement below can draw from it.
    private const string Words =
        """
        create temporary table if not exists bench_words as
        select array['checkout','api','latency','outage','deploy','model','release','paper','benchmark','gpu','kernel',
                     'postgres','redis','cluster','rollout','incident','regression','transformer','agents','inference',
                     'training','dataset','open-source','quantum','robotics','vision','retrieval','compiler','rust','dotnet',
                     'eu-west','us-east','p99','error','budget','launch','funding','lab','preprint','workshop'] as w,
               array['Ada','Grace','Alan','John','Maria','Wei','Priya','Chen','Olga','Kwame','Sofia','Yuki','Omar','Lena','Ravi'] as first,
               array['Smith','Lovelace','Hopper','Turing','Garcia','Zhang','Patel','Ivanova','Mensah','Rossi','Tanaka','Haddad',
                     'Novak','Kumar','Schmidt','Dubois','Silva','Kim','Nguyen','Okafor'] as last,
               array['lab','org'] as kinds
        """;

    private const string Signals =
        """
        insert into tweets (id, text, author_id, author_username, author_name, lang, created_at, conversation_id,
                            like_count, retweet_count, reply_count, quote_count, matched_queries, raw,
                            category, sentiment, urgency, tags, reasoning, classified_by, classification_fallback,
                            salience, scored_at, inserted_at, updated_at, notify_attempts)
        select id, text, author_id, 'user' || author_id, 'User ' || author_id, 'en', created_at, id,
               likes, likes / 3, likes / 7, likes / 11, array['outages', 'ai-research'],
               jsonb_build_object('id', id, 'text', text, 'author_id', author_id, 'created_at', created_at, 'lang', 'en',
                                  'public_metrics', jsonb_build_object('like_count', likes, 'retweet_count', likes / 3,
                                      'reply_count', likes / 7, 'quote_count', likes / 11, 'impression_count', likes * 40),
                                  'author', jsonb_build_object('id', author_id, 'username', 'user' || author_id, 'name', 'User ' || author_id,
                                      'description', 'Engineer writing about ' || text, 'verified', likes % 5 = 0),
                                  'entities', jsonb_build_object('hashtags', jsonb_build_array(jsonb_build_object('tag', 'outage')),
                                      'urls', jsonb_build_array(jsonb_build_object('expanded_url', 'https://status.example.com/' || id))),
                                  'context_annotations', jsonb_build_array(jsonb_build_object('domain', 'Technology', 'entity', 'Software'))),
               case when scored then (array['outage','security','release','research','hiring','other'])[1 + n % 6] end,
               case when scored then (array['negative','neutral','positive'])[1 + n % 3] end,
               case when scored then n % 6 end,
               case when scored then array['latency', 'eu-west'] else '{}' end,
               case when scored then 'Mentions an outage with user impact and a region.' end,
               case when scored then 'heuristic' end, false,
               case when scored then round((random() * 100)::numeric, 2)::float8 end,
               case when scored then created_at + interval '1 minute' end,
               created_at, created_at, 0
        from (
            select n, (1900000000000000000 + n)::text as id, (100000 + n % 5000)::text as author_id,
                   now() - (random() * interval '30 days') as created_at, (random() * random() * 2000)::int as likes,
                   n % 3 <> 0 as scored,
                   (select string_agg(w[1 + ((n * 7 + k * 13) % array_length(w, 1))], ' ') from generate_series(1, 12 + n % 20) k) as text
            from bench_words, generate_series((select count(*) from tweets) + 1, @target) n
        ) s
        """;

    private const string Topics =
        """
        insert into topics (name, display_name, artifact_count, first_seen_at, last_seen_at, created_at)
        select 'ai/' || w[k], initcap(w[k]), 0, now() - interval '60 days', now(), now() - interval '60 days'
        from bench_words, generate_series(1, array_length(w, 1)) k
        on conflict (name) do nothing
        """;

    private const string Entities =
        """
        insert into entities (entity_type, name, normalized_name, affiliation, expertise_score, created_at, updated_at)
        select case when n % 10 = 0 then kinds[1 + n % 2] else 'person' end, name, lower(name),
               case when n % 4 = 0 then 'Lab ' || last[1 + n % array_length(last, 1)] end, random(), now(), now()
        from (
            select n, kinds, last,
                   case when n % 10 = 0 then initcap(w[1 + n % array_length(w, 1)]) || ' Lab ' || n
                        else first[1 + n % array_length(first, 1)] || ' ' || last[1 + (n / 15) % array_length(last, 1)] || ' ' || n end as name
            from bench_words, generate_series((select count(*) from entities) + 1, @target) n
        ) s
        """;

    private const string Artifacts =
        """
        with new as (
            insert into artifacts (source, source_id, artifact_type, title, text, url, published_at, authors, raw, inserted_at, updated_at)
            select src, src || '-' || n, (array['paper','repo','story','post'])[1 + n % 4], title,
                   'Abstract: ' || title || '. We study ' || title || ' and report results on three benchmarks.',
                   'https://' || src || '.example.org/' || n, published, jsonb_build_array('Author ' || n % 997, 'Author ' || n % 991),
                   jsonb_build_object('id', n, 'title', title, 'summary', 'We study ' || title), published, published
            from (
                select n, (array['arxiv','github','hackernews','x'])[1 + n % 4] as src, now() - (random() * interval '60 days') as published,
                       (select string_agg(w[1 + ((n * 11 + k * 17) % array_length(w, 1))], ' ') from generate_series(1, 6 + n % 8) k) as title
                from bench_words, generate_series((select count(*) from artifacts) + 1, @target) n
            ) s
            returning id, published_at
        ), classified as (
            insert into artifact_classifications (artifact_id, category, urgency, tags, topics, reasoning, classified_by, fallback, classified_at)
            select id, (array['Preprint','Breakthrough','Lab Milestone','Open-Source Release','Other'])[1 + id % 5], id % 4,
                   array['ml'], array['ai/ml'], 'Keyword match on the title.', 'heuristic', false, published_at
            from new
            returning artifact_id
        ), scored as (
            insert into scores (artifact_id, novelty, emergence, obscurity, cross_source_bonus, expert_bonus, recency_factor, discovery_score, config_version, computed_at)
            select id, random(), random(), random(), 0, 0, random(), round((random() * 100)::numeric, 3)::float8, 'bench', now()
            from new
            returning artifact_id
        ), topical as (
            insert into artifact_topics (artifact_id, topic_id, confidence, assigned_at)
            select new.id, t.id, 0.8, new.published_at
            from new join lateral (select id from topics order by id offset (new.id % 30) limit 1 + (new.id % 2)) t on true
            returning artifact_id
        )
        insert into artifact_entities (artifact_id, entity_id, role)
        select new.id, range.first + (new.id * 7 + k) % range.size, 'author'
        from new, (select min(id) as first, max(id) - min(id) + 1 as size from entities) range, generate_series(0, 1) k
        """;

    private const string TopicCounts =
        """
        update topics set artifact_count = counted.n
        from (select topic_id, count(*) as n from artifact_topics group by topic_id) counted
        where topics.id = counted.topic_id
        """;
}

using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using RenderFarm.Api.Security;
using RenderFarm.Contracts;
using RenderFarm.Grains;

namespace RenderFarm.Api.Apis;

internal static class JobsApi
{
    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/jobs").WithTags("Jobs").RequireAuthorization(Policies.User);
        jobs.MapPost("", SubmitAsync);
        jobs.MapGet("", ListAsync);
        jobs.MapGet("/{id:guid}", GetAsync);
        jobs.MapPost("/{id:guid}/cancel", CancelAsync);
        jobs.MapGet("/{id:guid}/frames/{frame:int}", GetFrameAsync);
        jobs.MapGet("/{id:guid}/result", GetResultAsync);
        jobs.MapGet("/{id:guid}/history", GetHistoryAsync);
        jobs.MapGet("/{id:guid}/events", StreamEventsAsync);
        return app;
    }

    public static async Task<Results<Created<JobStatus>, Ok<JobStatus>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        SubmitJobRequest body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = Caller.From(user);
        if (Validate(body, caller.Id) is { } problem)
        {
            return problem;
        }

        var spec = ToSpec(body, caller.Id);
        var id = body.Id ?? Guid.NewGuid();
        var job = grains.GetGrain<IJobGrain>(id);
        var existing = await job.GetStatusAsync();
        if (existing.Phase != JobPhase.None)
        {
            // The same id again: harmless when it is the same job of the same owner (a retry), a conflict otherwise.
            return existing.Spec == spec
                ? TypedResults.Ok(existing)
                : Problems.Status(StatusCodes.Status409Conflict, "id", "The job id is taken.", "A different job already has this id; omit 'id' to get a new one.");
        }

        var running = 0;
        foreach (var mine in await grains.GetGrain<IJobIndexGrain>(caller.Id).ListAsync(50))
        {
            if ((await grains.GetGrain<IJobGrain>(mine).GetStatusAsync()).Phase == JobPhase.Running && ++running >= JobLimits.MaxRunningPerOwner)
            {
                return Problems.Status(StatusCodes.Status429TooManyRequests, "frames", "Too many running jobs.",
                    $"At most {JobLimits.MaxRunningPerOwner} of your jobs may run at once; wait for one to finish or cancel one.");
            }
        }

        var status = await job.SubmitAsync(spec);
        return TypedResults.Created($"/jobs/{id}", status);
    }

    public static async Task<Ok<JobSummary[]>> ListAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = Caller.From(user);
        var ids = await grains.GetGrain<IJobIndexGrain>(caller.IsAdmin ? IJobIndexGrain.All : caller.Id).ListAsync(50);
        var statuses = await Task.WhenAll(ids.Select(id => grains.GetGrain<IJobGrain>(id).GetStatusAsync()));
        return TypedResults.Ok(statuses.Where(caller.CanSee)
            .Select(s => new JobSummary(s.Id, s.Spec.Name, s.Spec.Owner, s.Phase.ToString(), s.Spec.Frames, s.Done, s.Spec.Priority)).ToArray());
    }

    public static async Task<Results<Ok<JobStatus>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var status = await grains.GetGrain<IJobGrain>(id).GetStatusAsync();
        return Caller.From(user).CanSee(status) ? TypedResults.Ok(status) : Problems.JobNotFound();
    }

    public static async Task<Results<Ok<JobStatus>, ProblemHttpResult>> CancelAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var job = grains.GetGrain<IJobGrain>(id);
        if (!Caller.From(user).CanSee(await job.GetStatusAsync()))
        {
            return Problems.JobNotFound();
        }

        return TypedResults.Ok(await job.CancelAsync());
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetFrameAsync(Guid id, int frame, ClaimsPrincipal user, IGrainFactory grains)
    {
        var status = await grains.GetGrain<IJobGrain>(id).GetStatusAsync();
        if (!Caller.From(user).CanSee(status))
        {
            return Problems.JobNotFound();
        }

        if (frame < 0 || frame >= status.Spec.Frames)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "frame", "The frame does not exist.", $"The job has frames 0 to {status.Spec.Frames - 1}.");
        }

        return await grains.GetGrain<IFrameGrain>(IFrameGrain.KeyOf(id, frame)).GetPngAsync() is { } png
            ? TypedResults.File(png, "image/png")
            : Problems.Status(StatusCodes.Status404NotFound, "frame", "The frame is not rendered yet.", "Ask again when the job's status shows it done.");
    }

    /// <summary>
    /// The finished job as one animated PNG (APNG: every browser plays it, and it needs nothing from the OS; the farm's
    /// hosts have no ffmpeg to make an MP4 with).
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetResultAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var status = await grains.GetGrain<IJobGrain>(id).GetStatusAsync();
        if (!Caller.From(user).CanSee(status))
        {
            return Problems.JobNotFound();
        }

        if (status.Phase != JobPhase.Completed)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "id", "The job is not complete.", $"The job is {status.Phase}: {status.Done} of {status.Spec.Frames} frames are done.");
        }

        var frames = await Task.WhenAll(Enumerable.Range(0, status.Spec.Frames)
            .Select(f => grains.GetGrain<IFrameGrain>(IFrameGrain.KeyOf(id, f)).GetPngAsync()));
        return TypedResults.File(PngEncoder.Animate([.. frames.Select(f => f!)], 12), "image/apng", $"job-{id:N}.png");
    }

    /// <summary>The job's history in logical-clock order (Lamport time, then origin silo), never by the silos' wall clocks.</summary>
    public static async Task<Results<Ok<FarmEvent[]>, ProblemHttpResult>> GetHistoryAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var job = grains.GetGrain<IJobGrain>(id);
        if (!Caller.From(user).CanSee(await job.GetStatusAsync()))
        {
            return Problems.JobNotFound();
        }

        var events = await job.GetEventsAsync(0);
        return TypedResults.Ok(events.OrderBy(e => e.Lamport).ThenBy(e => e.Origin, StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// Server-sent events: the job's status first, then each event as the coordinator records it (polled every
    /// 250 ms), then the final status; the stream ends when the job does.
    /// </summary>
    public static async Task StreamEventsAsync(Guid id, HttpContext context, IGrainFactory grains, IOptions<JsonOptions> json)
    {
        var job = grains.GetGrain<IJobGrain>(id);
        var status = await job.GetStatusAsync();
        if (!Caller.From(context.User).CanSee(status))
        {
            await Problems.JobNotFound().ExecuteAsync(context);
            return;
        }

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var options = json.Value.SerializerOptions;
        await WriteAsync(response, "status", JsonSerializer.Serialize(status, options), context.RequestAborted);
        var cursor = 0;
        var aborted = context.RequestAborted;
        while (!aborted.IsCancellationRequested)
        {
            IReadOnlyList<FarmEvent> events;
            try
            {
                events = await job.GetEventsAsync(cursor);
            }
            catch (Exception e) when (Platform.AspNetCore.Problems.BackendExceptionHandler.IsTransient(e) || e is OperationCanceledException && !aborted.IsCancellationRequested)
            {
                // The coordinator is moving to another silo: the feed waits for it rather than ending.
                await Task.Delay(500, aborted);
                continue;
            }

            foreach (var e in events)
            {
                await WriteAsync(response, "event", JsonSerializer.Serialize(e, options), aborted);
            }

            cursor += events.Count;
            if (events.Any(e => e.Kind is FarmEventKinds.Completed or FarmEventKinds.Cancelled))
            {
                await WriteAsync(response, "status", JsonSerializer.Serialize(await job.GetStatusAsync(), options), aborted);
                return;
            }

            await Task.Delay(250, aborted);
        }
    }

    private static async Task WriteAsync(HttpResponse response, string kind, string data, CancellationToken cancellationToken)
    {
        await response.WriteAsync($"event: {kind}\ndata: {data}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static ValidationProblem? Validate(SubmitJobRequest body, string owner)
    {
        if (body.Name is { Length: > 64 })
        {
            return Problems.Invalid("name", "The name may have at most 64 characters.");
        }

        foreach (var (field, value, limits) in new[]
        {
            ("frames", body.Frames, JobLimits.Frames),
            ("width", body.Width, JobLimits.Width),
            ("height", body.Height, JobLimits.Height),
            ("iterations", body.Iterations, JobLimits.Iterations),
            ("priority", body.Priority, JobLimits.Priority),
            ("leaseSeconds", body.LeaseSeconds, JobLimits.LeaseSeconds),
        })
        {
            if (value is { } v && (v < limits.Min || v > limits.Max))
            {
                return Problems.Invalid(field, $"'{field}' must be from {limits.Min} to {limits.Max}.");
            }
        }

        if (body.Id == Guid.Empty)
        {
            return Problems.Invalid("id", "The id must not be the empty GUID; omit it to get a new one.");
        }

        var spec = ToSpec(body, owner);
        if ((long)spec.Frames * spec.Width * spec.Height * spec.Iterations > JobLimits.MaxWork)
        {
            return Problems.Invalid("iterations", $"frames × width × height × iterations may be at most {JobLimits.MaxWork:N0}; ask for fewer iterations, frames or pixels.");
        }

        return null;
    }

    private static JobSpec ToSpec(SubmitJobRequest body, string owner) => new(
        owner,
        body.Name ?? "job",
        body.Frames ?? JobLimits.Frames.Default,
        body.Width ?? JobLimits.Width.Default,
        body.Height ?? JobLimits.Height.Default,
        body.Iterations ?? JobLimits.Iterations.Default,
        body.Priority ?? JobLimits.Priority.Default,
        body.LeaseSeconds ?? JobLimits.LeaseSeconds.Default);
}

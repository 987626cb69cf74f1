#!/usr/bin/env bash
# Generated from the AppHost's application model (--publisher staging); do not edit.
# Builds the signalharvester/* images into the local container engine. Run from anywhere in the repository.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
tag="${SIGNALHARVESTER_TAG:-latest}"
dotnet publish SignalHarvester.Api/SignalHarvester.Api.csproj -c Release /t:PublishContainer -p:ContainerRepository=signalharvester/api -p:ContainerImageTag="$tag"
dotnet publish SignalHarvester.MigrationService/SignalHarvester.MigrationService.csproj -c Release /t:PublishContainer -p:ContainerRepository=signalharvester/migrations -p:ContainerImageTag="$tag"
dotnet publish SignalHarvester.Web/SignalHarvester.Web.csproj -c Release /t:PublishContainer -p:ContainerRepository=signalharvester/web -p:ContainerImageTag="$tag"
dotnet publish SignalHarvester.Worker/SignalHarvester.Worker.csproj -c Release /t:PublishContainer -p:ContainerRepository=signalharvester/worker -p:ContainerImageTag="$tag"

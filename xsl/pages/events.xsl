<?xml version="1.0" encoding="UTF-8"?>
<!--
  Training events (pages/events.c): /district/events and /school/events, the
  events one card each and the form of a new one.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>
  <xsl:include href="../event-common.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="es"><xsl:with-param name="k" select="'events.title'"/></xsl:call-template></xsl:template>

  <xsl:template match="/page" mode="content">
    <h1><xsl:call-template name="es"><xsl:with-param name="k" select="'events.title'"/></xsl:call-template></h1>
    <p><xsl:call-template name="es"><xsl:with-param name="k" select="concat('events.intro-', @side)"/></xsl:call-template></p>
    <xsl:if test="refused"><p class="notice" role="alert"><xsl:call-template name="es"><xsl:with-param name="k" select="concat('refused.', refused/@code)"/></xsl:call-template></p></xsl:if>
    <xsl:choose>
      <xsl:when test="not(events/event)"><p class="empty"><xsl:call-template name="es"><xsl:with-param name="k" select="'events.none'"/></xsl:call-template></p></xsl:when>
      <xsl:otherwise>
        <ul class="cards events">
          <xsl:for-each select="events/event">
            <li class="card event state-{@state}">
              <h2><a href="/{/page/@side}/events/{@id}"><xsl:value-of select="title"/></a></h2>
              <dl>
                <dt><xsl:call-template name="es"><xsl:with-param name="k" select="'events.field.held_on'"/></xsl:call-template></dt>
                <dd><xsl:value-of select="@held-on"/> · <xsl:call-template name="es"><xsl:with-param name="k" select="concat('events.sessions.', @sessions)"/></xsl:call-template></dd>
                <dt><xsl:call-template name="es"><xsl:with-param name="k" select="'events.field.item'"/></xsl:call-template></dt>
                <dd><xsl:value-of select="item-name"/></dd>
                <dt><xsl:call-template name="es"><xsl:with-param name="k" select="'events.state'"/></xsl:call-template></dt>
                <dd><strong><xsl:call-template name="es"><xsl:with-param name="k" select="concat('events.state.', @state)"/></xsl:call-template></strong></dd>
                <dt><xsl:call-template name="es"><xsl:with-param name="k" select="'events.attended'"/></xsl:call-template></dt>
                <dd><xsl:value-of select="@attended"/></dd>
                <xsl:if test="school-name">
                  <dt><xsl:call-template name="es"><xsl:with-param name="k" select="'events.by-school'"/></xsl:call-template></dt>
                  <dd><xsl:value-of select="school-name"/></dd>
                </xsl:if>
              </dl>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="items and (@side = 'district' or user/@role = 'school_admin')">
      <h2 id="new"><xsl:call-template name="es"><xsl:with-param name="k" select="'events.new'"/></xsl:call-template></h2>
      <xsl:call-template name="new-form"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="choice">
    <xsl:param name="n"/>
    <xsl:param name="prefix"/>
    <xsl:param name="only" select="''"/>
    <xsl:variable name="f" select="/page/form[@name = 'event']"/>
    <div class="field">
      <xsl:if test="$f/form-error[@field = $n]"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
      <label for="f-{$n}"><xsl:call-template name="es"><xsl:with-param name="k" select="concat('events.field.', $n)"/></xsl:call-template></label>
      <select id="f-{$n}" name="{$n}">
        <xsl:for-each select="$S/s[starts-with(@k, $prefix)]">
          <xsl:variable name="code" select="substring-after(@k, $prefix)"/>
          <xsl:if test="$only = '' or contains($only, concat(' ', $code, ' '))">
            <option value="{$code}">
              <xsl:if test="$code = $f/value[@name = $n]"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="."/>
            </option>
          </xsl:if>
        </xsl:for-each>
      </select>
      <xsl:call-template name="field-error"><xsl:with-param name="n" select="$n"/></xsl:call-template>
    </div>
  </xsl:template>

  <xsl:template name="new-form">
    <xsl:variable name="f" select="/page/form[@name = 'event']"/>
    <xsl:if test="$f/form-error"><p class="notice" role="alert"><xsl:call-template name="es"><xsl:with-param name="k" select="'record-new.has-errors'"/></xsl:call-template></p></xsl:if>
    <form method="post" action="/{@side}/events">
      <xsl:call-template name="csrf"/>
      <xsl:call-template name="input"><xsl:with-param name="n" select="'title'"/><xsl:with-param name="label" select="'events.field.title'"/></xsl:call-template>
      <div class="field">
        <xsl:if test="$f/form-error[@field = 'item']"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
        <label for="f-item"><xsl:call-template name="es"><xsl:with-param name="k" select="'events.field.item'"/></xsl:call-template></label>
        <select id="f-item" name="item">
          <option value=""><xsl:call-template name="es"><xsl:with-param name="k" select="'events.choose'"/></xsl:call-template></option>
          <xsl:for-each select="/page/items/item">
            <option value="{@id}"><xsl:if test="@id = $f/value[@name = 'item']"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="."/></option>
          </xsl:for-each>
        </select>
        <xsl:call-template name="field-error"><xsl:with-param name="n" select="'item'"/></xsl:call-template>
      </div>
      <div class="field">
        <xsl:if test="$f/form-error[@field = 'project']"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
        <label for="f-project"><xsl:call-template name="es"><xsl:with-param name="k" select="'events.field.project'"/></xsl:call-template></label>
        <select id="f-project" name="project">
          <option value=""><xsl:call-template name="es"><xsl:with-param name="k" select="'events.none-project'"/></xsl:call-template></option>
          <xsl:for-each select="/page/projects/project">
            <option value="{@id}"><xsl:if test="@id = $f/value[@name = 'project']"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="."/></option>
          </xsl:for-each>
        </select>
        <xsl:call-template name="field-error"><xsl:with-param name="n" select="'project'"/></xsl:call-template>
      </div>
      <xsl:call-template name="input"><xsl:with-param name="n" select="'held_on'"/><xsl:with-param name="label" select="'events.field.held_on'"/><xsl:with-param name="type" select="'date'"/></xsl:call-template>
      <xsl:call-template name="choice"><xsl:with-param name="n" select="'sessions'"/><xsl:with-param name="prefix" select="'events.sessions.'"/></xsl:call-template>
      <xsl:call-template name="input"><xsl:with-param name="n" select="'morning_from'"/><xsl:with-param name="label" select="'events.field.morning_from'"/><xsl:with-param name="type" select="'time'"/></xsl:call-template>
      <xsl:call-template name="input"><xsl:with-param name="n" select="'morning_to'"/><xsl:with-param name="label" select="'events.field.morning_to'"/><xsl:with-param name="type" select="'time'"/></xsl:call-template>
      <xsl:call-template name="input"><xsl:with-param name="n" select="'afternoon_from'"/><xsl:with-param name="label" select="'events.field.afternoon_from'"/><xsl:with-param name="type" select="'time'"/></xsl:call-template>
      <xsl:call-template name="input"><xsl:with-param name="n" select="'afternoon_to'"/><xsl:with-param name="label" select="'events.field.afternoon_to'"/><xsl:with-param name="type" select="'time'"/></xsl:call-template>
      <xsl:call-template name="input"><xsl:with-param name="n" select="'place'"/><xsl:with-param name="label" select="'events.field.place'"/></xsl:call-template>
      <xsl:call-template name="input"><xsl:with-param name="n" select="'organiser'"/><xsl:with-param name="label" select="'events.field.organiser'"/></xsl:call-template>
      <xsl:choose>
        <xsl:when test="@side = 'district'">
          <xsl:call-template name="choice"><xsl:with-param name="n" select="'audience'"/><xsl:with-param name="prefix" select="'events.audience.'"/></xsl:call-template>
          <fieldset class="field">
            <legend><xsl:call-template name="es"><xsl:with-param name="k" select="'events.field.schools'"/></xsl:call-template></legend>
            <xsl:for-each select="/page/schools/school">
              <label class="check"><input type="checkbox" name="schools" value="{@id}"><xsl:if test="$f/value[@name = 'schools'] = @id"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if></input><xsl:value-of select="."/></label>
            </xsl:for-each>
            <xsl:call-template name="field-error"><xsl:with-param name="n" select="'schools'"/></xsl:call-template>
          </fieldset>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="choice"><xsl:with-param name="n" select="'audience'"/><xsl:with-param name="prefix" select="'events.audience.'"/><xsl:with-param name="only" select="' district list '"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <div class="field">
        <xsl:if test="$f/form-error[@field = 'staff_nos']"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
        <label for="f-staff_nos"><xsl:call-template name="es"><xsl:with-param name="k" select="'events.field.staff_nos'"/></xsl:call-template></label>
        <textarea id="f-staff_nos" name="staff_nos" rows="3"><xsl:value-of select="$f/value[@name = 'staff_nos']"/></textarea>
        <xsl:call-template name="field-error"><xsl:with-param name="n" select="'staff_nos'"/></xsl:call-template>
      </div>
      <xsl:choose>
        <xsl:when test="@side = 'district'">
          <xsl:call-template name="choice"><xsl:with-param name="n" select="'review_stage'"/><xsl:with-param name="prefix" select="'events.stage.'"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise><input type="hidden" name="review_stage" value="school"/></xsl:otherwise>
      </xsl:choose>
      <button type="submit" class="primary"><xsl:call-template name="es"><xsl:with-param name="k" select="'events.create'"/></xsl:call-template></button>
    </form>
  </xsl:template>
</xsl:stylesheet>
